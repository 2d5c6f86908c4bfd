import { formatEvent, type TrainingEvent } from '@clearprop/training';

/** One runner-style text line per event worth a line (`--plain`), or null for per-batch noise. Same wording as the runner. */
export function formatPlainLine(event: TrainingEvent): string | null {
  switch (event.type) {
    case 'epochStart': case 'batchEnd': case 'layerStats': case 'predictionSnapshot': case 'confusionMatrix': case 'boundary': case 'unitActivations':
      return null;
    default:
      return formatEvent(event);
  }
}
