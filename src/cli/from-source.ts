// `npm run cli -- …`: the command straight from its TypeScript sources (tsx), for working on it without a build.
import { main } from "./main";

process.exitCode = await main(process.argv.slice(2));
