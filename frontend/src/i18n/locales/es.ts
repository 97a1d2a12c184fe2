import type { Messages } from '../types';

export const es: Messages = {
  app: {
    name: 'ShopMe',
    tagline: 'Ventas y atención al cliente por WhatsApp',
    skipToContent: 'Saltar al contenido',
  },
  nav: {
    label: 'Navegación principal',
    status: 'Estado del sistema',
  },
  language: {
    label: 'Idioma',
  },
  status: {
    title: 'Estado del sistema',
    subtitle: 'Salud del servidor de ShopMe y de los servicios de los que depende.',
    autoRefresh: 'Se actualiza cada 10 segundos',
    lastChecked: 'Última comprobación a las {{time}}',
    refresh: 'Actualizar',
    loading: 'Cargando…',
    overall: {
      title: 'Estado general',
      ready: 'Listo',
      notReady: 'No listo',
      readyDescription: 'Todas las comprobaciones son correctas. El servidor acepta tráfico.',
      notReadyDescription: 'Una o más comprobaciones fallan. El servidor no acepta tráfico.',
    },
    checks: {
      title: 'Comprobaciones',
      ok: 'OK',
      failing: 'Con fallos',
      database: 'Base de datos',
      migrations: 'Migraciones',
      migrationsApplied: '{{applied}} de {{expected}} aplicadas',
      pending: 'Pendientes',
      drifted: 'Divergentes',
    },
    server: {
      title: 'Servidor',
      version: 'Versión',
      commit: 'Commit',
      buildTime: 'Fecha de compilación',
      uptime: 'Tiempo activo',
    },
    errors: {
      readiness: 'No se pudo cargar el informe de disponibilidad.',
      version: 'No se pudo cargar la información de versión.',
      unreachable: 'No se pudo contactar con el servidor.',
      requestId: 'ID de solicitud: {{id}}',
      retry: 'Reintentar',
    },
  },
  notFound: {
    code: '404',
    title: 'Página no encontrada',
    description: 'La página que buscas no existe o se ha movido.',
    back: 'Ir al estado del sistema',
  },
  routeError: {
    title: 'Algo salió mal',
    description: 'No se pudo mostrar esta página. Tras una actualización, recargar suele solucionarlo.',
    reload: 'Recargar',
  },
};
