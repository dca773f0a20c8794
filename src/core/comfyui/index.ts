// The user's own ComfyUI, asked over HTTP: where its folders are, what they hold, and which folder each node reads.
export { createComfyUIClient, ComfyUIUnreachableError, type ComfyUIClient } from "./client";
export { fetchFolderListing, fetchFolderNames, fetchServerFiles, fetchServerFolders, type ServerFile, type ServerFolder } from "./folders";
export { learnNodeFolders, widgetsOf, type FolderListings } from "./node-folders";
export { learnFromComfyUI, type LearnedNodes } from "./learn";
