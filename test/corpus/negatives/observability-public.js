// Client-side telemetry: DSNs and browser keys are public by design (reported at most as information).
Sentry.init({ dsn: 'https://[[hex:32]]@o123456.ingest.sentry.io/4504321', tracesSampleRate: 0.2 });
