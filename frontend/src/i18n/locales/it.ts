import type { Messages } from '../types';

export const it: Messages = {
  app: {
    name: 'ShopMe',
    tagline: 'Vendite e assistenza clienti su WhatsApp',
    skipToContent: 'Vai al contenuto',
  },
  nav: {
    label: 'Navigazione principale',
    status: 'Stato del sistema',
  },
  language: {
    label: 'Lingua',
  },
  status: {
    title: 'Stato del sistema',
    subtitle: 'Stato di salute del server ShopMe e dei servizi da cui dipende.',
    autoRefresh: 'Aggiornamento ogni 10 secondi',
    lastChecked: 'Ultimo controllo alle {{time}}',
    refresh: 'Aggiorna',
    loading: 'Caricamento…',
    overall: {
      title: 'Stato generale',
      ready: 'Pronto',
      notReady: 'Non pronto',
      readyDescription: 'Tutti i controlli sono superati. Il server accetta traffico.',
      notReadyDescription: 'Uno o più controlli non sono superati. Il server non accetta traffico.',
    },
    checks: {
      title: 'Controlli',
      ok: 'OK',
      failing: 'In errore',
      database: 'Database',
      migrations: 'Migrazioni',
      migrationsApplied: '{{applied}} di {{expected}} applicate',
      pending: 'In attesa',
      drifted: 'Divergenti',
    },
    server: {
      title: 'Server',
      version: 'Versione',
      commit: 'Commit',
      buildTime: 'Data di build',
      uptime: 'Tempo di attività',
    },
    errors: {
      readiness: 'Impossibile caricare il rapporto di disponibilità.',
      version: 'Impossibile caricare le informazioni sulla versione.',
      unreachable: 'Impossibile raggiungere il server.',
      requestId: 'ID richiesta: {{id}}',
      retry: 'Riprova',
    },
  },
  notFound: {
    code: '404',
    title: 'Pagina non trovata',
    description: 'La pagina che cerchi non esiste o è stata spostata.',
    back: 'Vai allo stato del sistema',
  },
  routeError: {
    title: 'Si è verificato un errore',
    description: 'Impossibile mostrare questa pagina. Dopo un aggiornamento, di solito basta ricaricare.',
    reload: 'Ricarica',
  },
};
