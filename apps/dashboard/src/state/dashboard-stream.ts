import { auditTime, scan, type Observable, type SchedulerLike, asyncScheduler } from 'rxjs';
import { initialDashboardState, reduceDashboard, type DashboardEvent, type DashboardState } from './dashboard-state.ts';

/** Redraw period: at most 20 states a second reach React. */
export const RENDER_PERIOD_MS = 50;

/**
 * Folds events into dashboard states and lets at most one state through per `periodMs` (the latest):
 * however fast training runs, React renders at most 1000/periodMs times a second.
 */
export function dashboardState$(events$: Observable<DashboardEvent>, periodMs = RENDER_PERIOD_MS, scheduler: SchedulerLike = asyncScheduler): Observable<DashboardState> {
  return events$.pipe(scan(reduceDashboard, initialDashboardState), auditTime(periodMs, scheduler));
}
