// The tests' one door to the upstream simulator (tools/upstream-sim), so the engine's own folders never name it.
export {
  startUpstreamSim,
  type SimCatalogue,
  type SimCivitaiModel,
  type SimFault,
  type SimHfRepo,
  type SimOptions,
  type SimRequest,
  type UpstreamSim,
} from "../../tools/upstream-sim";
export { catalogueFromExpected, type CorpusCatalogue, type ExpectedModels, type KnownLocations } from "../../tools/upstream-sim/corpus-catalogue";
export { DEMO_AMBIGUOUS_FILE, demoCatalogue } from "../../tools/upstream-sim/demo-catalogue";
export { civitaiSearchOverloaded, cloudflareChallenge } from "../../tools/upstream-sim/real-answers";
export {
  checkpoint,
  DEMO_PRESENT_FILES,
  demoWorkflows,
  fluxTextEncoders,
  lora,
  uiWorkflow,
  vae,
  type FixtureNode,
} from "../../tools/upstream-sim/sample-workflows";
export { archivedModel, ggufPairModel, juggernautModel, KiB, lockedStylesModel, MiB } from "../../tools/upstream-sim/test-support";
