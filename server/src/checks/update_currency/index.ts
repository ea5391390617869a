import type { CheckDefinition } from '../types.ts';
import { buildAge } from './build-age.ts';
import { buildDateUnknown } from './build-date-unknown.ts';
import { modulesForOlderSeries } from './modules-for-older-series.ts';
import { modulesPendingUpgrade } from './modules-pending-upgrade.ts';
import { seriesBehindLatest } from './series-behind-latest.ts';
import { seriesEndOfSupport } from './series-end-of-support.ts';

/** The update currency dimension's checks, one module each. */
export const updateCurrencyChecks: readonly CheckDefinition[] = [
  seriesEndOfSupport,
  buildAge,
  buildDateUnknown,
  modulesPendingUpgrade,
  modulesForOlderSeries,
  seriesBehindLatest,
];
