// Reads multi-row LoRA widgets (rgthree Power Lora Loader, LoRA Manager, numbered stacks).
import { isPlaceholder, type RowLayout } from "../registry";
import { isRecord, type WidgetValues } from "./graph";

/** A model file found in a node, before it becomes a ModelRef. */
export type FoundModel = {
  name: string;
  folder: string;
  active: boolean;
  inferred?: boolean;
  url?: string | null;
  directory?: boolean;
  alsoIn?: readonly string[];
};

function usableName(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0 && !isPlaceholder(value);
}

/** rgthree keeps each row as an object {on, lora, strength}; API prompts key them lora_1, lora_2… */
function powerLoraRows(widgets: WidgetValues, folder: string): FoundModel[] {
  return Object.values(widgets).flatMap((row) => (isRecord(row) && usableName(row.lora) ? [{ name: row.lora, folder, active: row.on !== false }] : []));
}

/** LoRA Manager keeps a list of {name, active}, sometimes wrapped as {__value__: [...]}. */
function loraManagerRows(widgets: WidgetValues, folder: string): FoundModel[] {
  return Object.values(widgets).flatMap((value) => {
    const list = isRecord(value) && Array.isArray(value.__value__) ? value.__value__ : value;
    if (!Array.isArray(list)) return [];
    return list.flatMap((row) => (isRecord(row) && usableName(row.name) ? [{ name: row.name, folder, active: row.active !== false }] : []));
  });
}

type NumberedLayout = Extract<RowLayout, { kind: "numbered" }>;

function numberedRows(widgets: WidgetValues, layout: NumberedLayout): FoundModel[] {
  const rows: FoundModel[] = [];
  const template = (name: string, n: number) => name.replace("{n}", String(n));
  if (Array.isArray(widgets)) {
    const count = layout.count ? Number(widgets[layout.count.position]) : Infinity;
    for (let n = 1, position = layout.first; position < widgets.length; n++, position += layout.stride) {
      const name = widgets[position];
      if (n > count || !usableName(name)) continue;
      const toggle = layout.toggle ? widgets[position + layout.toggle.offset] : undefined;
      rows.push({ name, folder: layout.folder, active: !layout.toggle || toggle === layout.toggle.on });
    }
    return rows;
  }
  const named = widgets as Readonly<Record<string, unknown>>;
  const count = layout.count ? Number(named[layout.count.name]) : Infinity;
  for (let n = 1; n <= 100; n++) {
    const key = template(layout.name, n);
    if (!(key in named)) {
      if (n > 1) break;
      continue;
    }
    const name = named[key];
    if (n > count || !usableName(name)) continue;
    const toggle = layout.toggle ? named[template(layout.toggle.name, n)] : undefined;
    rows.push({ name, folder: layout.folder, active: !layout.toggle || toggle === layout.toggle.on });
  }
  return rows;
}

export function readRows(widgets: WidgetValues, layout: RowLayout): FoundModel[] {
  switch (layout.kind) {
    case "powerLora":
      return powerLoraRows(widgets, layout.folder);
    case "loraManager":
      return loraManagerRows(widgets, layout.folder);
    case "numbered":
      return numberedRows(widgets, layout);
  }
}
