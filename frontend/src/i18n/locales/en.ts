export const en = {
  app: {
    name: 'ShopMe',
    tagline: 'WhatsApp sales & customer care',
    skipToContent: 'Skip to content',
  },
  nav: {
    label: 'Main navigation',
    status: 'System status',
  },
  language: {
    label: 'Language',
  },
  status: {
    title: 'System status',
    subtitle: 'Health of the ShopMe server and the services it depends on.',
    autoRefresh: 'Updates every 10 seconds',
    lastChecked: 'Last checked at {{time}}',
    refresh: 'Refresh',
    loading: 'Loading…',
    overall: {
      title: 'Overall status',
      ready: 'Ready',
      notReady: 'Not ready',
      readyDescription: 'All checks pass. The server is accepting traffic.',
      notReadyDescription: 'One or more checks are failing. The server is not accepting traffic.',
    },
    checks: {
      title: 'Checks',
      ok: 'OK',
      failing: 'Failing',
      database: 'Database',
      migrations: 'Migrations',
      migrationsApplied: '{{applied}} of {{expected}} applied',
      pending: 'Pending',
      drifted: 'Drifted',
    },
    server: {
      title: 'Server',
      version: 'Version',
      commit: 'Commit',
      buildTime: 'Build time',
      uptime: 'Uptime',
    },
    errors: {
      readiness: 'Could not load the readiness report.',
      version: 'Could not load the version information.',
      unreachable: 'The server could not be reached.',
      requestId: 'Request ID: {{id}}',
      retry: 'Try again',
    },
  },
  notFound: {
    code: '404',
    title: 'Page not found',
    description: 'The page you are looking for does not exist or has been moved.',
    back: 'Go to system status',
  },
  routeError: {
    title: 'Something went wrong',
    description: 'This page could not be displayed. Reloading usually helps after an update.',
    reload: 'Reload',
  },
} as const;
