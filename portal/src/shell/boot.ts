// The first module main.tsx evaluates (its first import): on a signed-in cold load it asks for the
// opened page's chunk and data before React, antd and the rest of the bundle evaluate, not after.
import { bootMe } from '../auth/session.tsx';
import { preloadFor } from './pages.tsx';

preloadFor(window.location.pathname, bootMe);
