import type { Model } from '@clearprop/nn';
import type { ModelOutputs } from './model-outputs.ts';

const tuple = (list: readonly string[]): string => `readonly [${list.map((s) => JSON.stringify(s)).join(', ')}]`;

/**
 * TypeScript declarations for a generated predict module (the same for ESM and CJS): the names as literal tuples,
 * `Label` as the union of the class labels, and predict / predictBatch typed for the task.
 */
export function moduleDeclarations(model: Model, outputs: ModelOutputs): string {
  const classification = outputs.task === 'classification';
  const prediction = classification ? 'Prediction' : 'number[]';
  const lines = [
    `// Types of a clearprop predict module: ${model.describe()}, ${outputs.task}. Generated; do not edit.`,
    '',
    '/** The input features, in order. */',
    `export declare const featureNames: ${tuple(outputs.featureNames)};`,
    ...(classification
      ? [
        '/** The class labels, in output order. */',
        `export declare const classLabels: ${tuple(outputs.classLabels)};`,
        '/** One of the class labels. */',
        'export type Label = (typeof classLabels)[number];',
        '/** A classification: the predicted label and the model outputs. */',
        'export interface Prediction {',
        model.outputs === 1
          ? `  /** classLabels[1] when the probability is above ${outputs.threshold} (the model's threshold), else classLabels[0]. */`
          : '  /** The label of the largest probability (the first on ties). */',
        '  readonly label: Label;',
        model.outputs === 1
          ? '  /** [P(classLabels[1])]: the one sigmoid output. */'
          : '  /** One probability per class, in classLabels order. */',
        '  readonly probabilities: number[];',
        '}',
      ]
      : ['/** The regression targets, in output order. */', `export declare const targetNames: ${tuple(outputs.targetNames)};`]),
    `/** The prediction for one row of ${model.inputs} features (featureNames order). Throws a TypeError for a wrong length or a non-finite value. */`,
    `export declare function predict(row: ArrayLike<number>): ${prediction};`,
    '/** The predictions for rows of features, in order. */',
    `export declare function predictBatch(rows: ArrayLike<ArrayLike<number>>): ${prediction}[];`,
  ];
  return lines.join('\n') + '\n';
}
