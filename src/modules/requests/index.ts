export { submitDeclaration, submitDraft, approve, reject, withdraw } from './requests.service.ts';
export { listRequests, listMyRequests, getRequest, getRequestFile } from './reads.service.ts';
export { requestRoutes } from './requests.routes.ts';
