import type { Dataset } from '../dataset.js';
import type { RawSpectra } from './rawSpectra.js';
import { alignAxes } from './alignAxes.js';
import { applyPattern } from './applyPattern.js';
import { findField, resolveColumn } from './resolveColumn.js';
import { inferGroupsFromNames, inferLabelsFromNames } from './inferFromNames.js';
import { uniqueIds } from './uniqueIds.js';
import { shortSpectra } from './shortSpectra.js';
import { withoutSpectra } from './withoutSpectra.js';

/** How labels and groups are chosen; side files arrive already parsed (see parseSideFile). */
export interface AssembleOptions {
  labelColumn?: string;
  labelPattern?: string;
  /** Side file contents: sample name (or id) -> label, and the file's name for messages. */
  labelMap?: Map<string, string>;
  labelFile?: string;
  groupColumn?: string;
  groupPattern?: string;
  groupMap?: Map<string, string>;
  groupFile?: string;
  /** The axis unit, whatever the files declare. */
  unit?: string;
  /** The unit when neither `unit` nor the file gives one (a model's, for prediction). @default 'cm-1' */
  fallbackUnit?: string;
  /**
   * Training and evaluation need classes; prediction does not. When false, spectra without a
   * label get '' and a single class is accepted. @default true
   */
  labelsRequired?: boolean;
  /** A spectrum whose axis covers less than half of the range the others share is an error, not left out (see shortSpectra). @default false */
  strict?: boolean;
}

/** Turns parsed spectra into a Dataset: ids, labels, groups, one ascending axis (short spectra left out: see shortSpectra), checks. */
export function assembleDataset(found: RawSpectra, options: AssembleOptions = {}): Dataset {
  if (found.values.length === 0) throw new Error(`${found.source}: no spectra found`);
  const warnings = [...found.notes];
  // A truncated file would narrow everyone's common axis: left out first, named (or refused).
  const short = shortSpectra(found.axes, found.places, options.strict ?? false);
  const raw = short.dropped.length > 0 ? withoutSpectra(found, short.dropped) : found;
  if (short.warning) warnings.push(short.warning);
  const n = raw.values.length;
  const { ids, duplicates } = uniqueIds(raw.names);
  if (duplicates.length > 0) {
    warnings.push(
      `${duplicates.length} sample name${duplicates.length > 1 ? 's appear' : ' appears'} more than once (${duplicates.map((d) => `"${d}"`).join(', ')}): ` +
        'all copies are kept as separate spectra, later ones with ids ending #2, #3, ...',
    );
  }
  const labels = resolveLabels(raw, ids, options, warnings);
  const groups = resolveGroups(raw, ids, options, warnings);
  const { axis, spectra, note } = alignAxes(raw.axes, raw.values, raw.places, { axisAt: raw.axisAt });
  if (note) warnings.push(note);
  const classes = [...new Set(labels)].filter((label) => label !== '').sort();
  if (options.unit !== undefined && raw.unit !== undefined && raw.unit !== options.unit) {
    warnings.push(`${raw.source}: the file declares its axis in ${raw.unit}; taken as ${options.unit}, as the options say`);
  }
  if ((options.labelsRequired ?? true) && classes.length < 2) {
    throw new Error(`${raw.source}: only one class (${classes[0] ?? 'none'}) among ${n} spectra; expected at least two classes to classify`);
  }
  return {
    ids,
    names: [...raw.names],
    labels,
    classes,
    ...(groups ? { groups } : {}),
    axis,
    unit: options.unit ?? raw.unit ?? options.fallbackUnit ?? 'cm-1',
    ...(raw.format ? { format: raw.format } : {}),
    spectra,
    source: raw.source,
    warnings,
  };
}

function fromMap(map: Map<string, string>, file: string, names: string[], ids: string[], what: string, required: boolean): string[] {
  return names.map((name, i) => {
    const value = map.get(ids[i]) ?? map.get(name);
    if (value === undefined && required) throw new Error(`${file}: no ${what} for sample "${name}"; expected a line "${name},<${what}>"`);
    return value ?? '';
  });
}

function resolveLabels(raw: RawSpectra, ids: string[], options: AssembleOptions, warnings: string[]): string[] {
  const required = options.labelsRequired ?? true;
  if (options.labelColumn !== undefined) return resolveColumn(raw, options.labelColumn, 'label');
  if (options.labelMap) return fromMap(options.labelMap, options.labelFile ?? 'labels file', raw.names, ids, 'label', required);
  if (options.labelPattern !== undefined) return applyPattern(raw.names, options.labelPattern, 'label');
  if (raw.layoutLabels) return raw.layoutLabels;
  const column = findField(raw, ['label', 'class', 'labels', 'classes', 'y']);
  if (column !== undefined) return resolveColumn(raw, column, 'label');
  const inferred = inferLabelsFromNames(raw.names);
  if (inferred) {
    warnings.push(`no label option given: classes taken from the ${inferred.rule} (${[...new Set(inferred.labels)].sort().join(', ')}); pass --label-pattern to choose`);
    return inferred.labels;
  }
  if (!required) return raw.names.map(() => '');
  throw new Error(
    `${raw.source}: no labels: the file has no label/class column and the sample names do not share a <prefix><class>_ form; ` +
      'use --label-column, --labels FILE or --label-pattern REGEX',
  );
}

function resolveGroups(raw: RawSpectra, ids: string[], options: AssembleOptions, warnings: string[]): string[] | undefined {
  if (options.groupColumn !== undefined) return resolveColumn(raw, options.groupColumn, 'group');
  if (options.groupMap) return fromMap(options.groupMap, options.groupFile ?? 'groups file', raw.names, ids, 'group', true);
  if (options.groupPattern !== undefined) return applyPattern(raw.names, options.groupPattern, 'group');
  const column = findField(raw, ['group', 'groups', 'replicate', 'isolate', 'sample group']);
  if (column !== undefined) return resolveColumn(raw, column, 'group');
  const inferred = inferGroupsFromNames(raw.names);
  if (inferred) {
    const count = new Set(inferred.groups).size;
    if (count < raw.names.length) {
      warnings.push(`no group option given: ${count} groups taken from ${inferred.rule}; pass --group-pattern to choose`);
      return inferred.groups;
    }
  }
  warnings.push('no groups known (no group column, option or replicate marker in the names): spectra are split as independent');
  return undefined;
}
