// Restructuring of the organisation (layer 5): merge, split, rename and move as one dated operation.
export { restructure, getRestructuring, listRestructurings } from './restructuring.service.ts';
export { restructuringRoutes } from './restructuring.routes.ts';
