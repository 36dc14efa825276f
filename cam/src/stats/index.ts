export {
  createClassStatistics,
  type ClassPattern,
  type ClassStatisticsAccumulator,
} from './createClassStatistics.js';
export { classStatistics } from './classStatistics.js';
