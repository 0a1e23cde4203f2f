export { approvalSlice } from './approval-slice';
