/** Builds the comfyfixer command into dist/cli/. */
export function buildCli(): Promise<void>;
