// Who is signed in, and where the sign-in stands. The portal shows the sign-in steps until the stage
// is 'active', then loads /me (roles decide the menu). Any 401 afterwards ends the session here and
// shows sign-in again with a "session expired" note.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from '../api/client.ts';
import { auth, type Me, type SignInState } from '../api/endpoints.ts';

export type SessionStatus = 'loading' | 'signedOut' | 'pending' | 'active';

interface Session {
  status: SessionStatus;
  state?: SignInState;
  me?: Me;
  expired: boolean;
  /** Takes the answer of a sign-in step; loads /me once the stage is active. */
  advance: (s: SignInState) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** /me asked at once when index.html found a session cookie (the page's prefetch waits for it). */
export const bootMe: Promise<Me | undefined> | undefined = window.__hosoBoot
  ? auth.meQuiet().catch(() => undefined)
  : undefined;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [state, setState] = useState<SignInState>();
  const [me, setMe] = useState<Me>();
  const [expired, setExpired] = useState(false);

  const advance = useCallback(async (s: SignInState) => {
    setState(s);
    if (s.stage !== 'active') return setStatus('pending');
    setMe(await auth.me());
    setExpired(false);
    setStatus('active');
  }, []);

  useEffect(() => {
    // /me is asked at once, beside the session: one round trip less when already signed in.
    const early = bootMe ?? auth.meQuiet().catch(() => undefined);
    auth.session().then(
      async (s) => {
        const m = s.stage === 'active' ? await early : undefined;
        if (!m) return advance(s);
        setState(s);
        setMe(m);
        setStatus('active');
      },
      (e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
        setStatus('signedOut');
      },
    );
  }, [advance]);

  useEffect(
    () =>
      onUnauthorized(() => {
        setMe(undefined);
        setState(undefined);
        setStatus((was) => {
          if (was === 'active') setExpired(true);
          return 'signedOut';
        });
      }),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      setMe(undefined);
      setState(undefined);
      setExpired(false);
      setStatus('signedOut');
    }
  }, []);

  const value = useMemo(
    () => ({ status, state, me, expired, advance, signOut }),
    [status, state, me, expired, advance, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in account (inside the signed-in part of the app only). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe before sign-in');
  return me;
}
