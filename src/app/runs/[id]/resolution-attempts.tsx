"use client";
// What the resolver asked each source for a model and what came back, as a fold-out under the model's name.
import type { ModelView } from "../../../server/services/run-schemas";

const SOURCE_NAMES: Record<string, string> = {
  workflow: "Workflow",
  known_models: "Known models",
  model_list: "Model lists",
  huggingface: "Hugging Face",
  civitai: "Civitai",
  manual: "Manual",
};

export function ResolutionAttempts({ model }: { model: ModelView }) {
  const attempts = model.resolution?.attempts ?? [];
  if (attempts.length === 0) return null;
  return (
    <details className="mt-1 text-xs" data-attempts={model.name}>
      <summary className="cursor-pointer text-zinc-500 hover:text-zinc-700 dark:text-zinc-400 dark:hover:text-zinc-200">
        What was tried ({attempts.length})
      </summary>
      <table className="mt-1 w-full text-left">
        <caption className="sr-only">What the resolver tried for {model.name}</caption>
        <thead className="text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-0.5 pr-3 font-medium">
              Source
            </th>
            <th scope="col" className="py-0.5 pr-3 font-medium">
              Asked
            </th>
            <th scope="col" className="py-0.5 font-medium">
              Answer
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt, index) => (
            <tr key={index} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-0.5 pr-3 whitespace-nowrap">{SOURCE_NAMES[attempt.source] ?? attempt.source}</td>
              <td className="py-0.5 pr-3 font-mono break-all">{attempt.query}</td>
              <td className="py-0.5 break-words">{attempt.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
