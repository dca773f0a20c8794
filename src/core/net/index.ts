export * from "./endpoints";
export * from "./host-policy";
export * from "./auth";
export * from "./retry";
export * from "./http";
