import { describe, expect, it } from "vitest";
import { compatibleColumnTypes, parsePrismaSchema } from "./prisma-schema";

describe("parsePrismaSchema", () => {
  it("reads models, optional and list fields, native types, relations and enums", () => {
    const schema = parsePrismaSchema(`
      enum Colour { red green }
      model Box {
        id    String @id @db.Uuid // comment
        tags  String[]
        note  String?
        colour Colour
        items Item[]
        @@index([note])
      }`);
    const box = schema.models[0]!;
    expect(schema.enums.get("Colour")).toEqual(["red", "green"]);
    expect(box.fields.map((field) => field.name)).toEqual(["id", "tags", "note", "colour", "items"]);
    expect(box.fields.find((field) => field.name === "items")!.relation).toBe(true);
    expect(box.fields.find((field) => field.name === "colour")!.relation).toBe(false);
    expect(compatibleColumnTypes(box.fields[0]!)).toEqual(["uuid"]);
    expect(compatibleColumnTypes(box.fields[1]!)).toEqual(["_text", "_varchar"]);
    expect(box.fields[2]!.optional).toBe(true);
  });
});
