import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert, Loading } from './alerts.tsx';

/**
 * A page whose code loads on first use (the CMDB graph and the charts), so the first load stays
 * small.
 */
export const lazyPage = <P extends object>(load: () => Promise<ComponentType<P>>) => {
  let loaded: ComponentType<P> | undefined;
  return (props: P) => {
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (!Page)
        load()
          .then((component) => {
            loaded = component;
            setPage(() => component);
          })
          .catch(setError);
    }, [Page]);
    if (error) return <ErrorAlert error={error} />;
    return Page ? <Page {...props} /> : <Loading what="the page" />;
  };
};
