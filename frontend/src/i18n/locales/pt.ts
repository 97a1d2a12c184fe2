import type { Messages } from '../types';

export const pt: Messages = {
  app: {
    name: 'ShopMe',
    tagline: 'Vendas e atendimento ao cliente pelo WhatsApp',
    skipToContent: 'Ir para o conteúdo',
  },
  nav: {
    label: 'Navegação principal',
    status: 'Estado do sistema',
  },
  language: {
    label: 'Idioma',
  },
  status: {
    title: 'Estado do sistema',
    subtitle: 'Saúde do servidor ShopMe e dos serviços dos quais ele depende.',
    autoRefresh: 'Atualiza a cada 10 segundos',
    lastChecked: 'Última verificação às {{time}}',
    refresh: 'Atualizar',
    loading: 'Carregando…',
    overall: {
      title: 'Estado geral',
      ready: 'Pronto',
      notReady: 'Não pronto',
      readyDescription: 'Todas as verificações passaram. O servidor está aceitando tráfego.',
      notReadyDescription: 'Uma ou mais verificações estão falhando. O servidor não está aceitando tráfego.',
    },
    checks: {
      title: 'Verificações',
      ok: 'OK',
      failing: 'Com falha',
      database: 'Banco de dados',
      migrations: 'Migrações',
      migrationsApplied: '{{applied}} de {{expected}} aplicadas',
      pending: 'Pendentes',
      drifted: 'Divergentes',
    },
    server: {
      title: 'Servidor',
      version: 'Versão',
      commit: 'Commit',
      buildTime: 'Data do build',
      uptime: 'Tempo de atividade',
    },
    errors: {
      readiness: 'Não foi possível carregar o relatório de prontidão.',
      version: 'Não foi possível carregar as informações de versão.',
      unreachable: 'Não foi possível contactar o servidor.',
      requestId: 'ID da requisição: {{id}}',
      retry: 'Tentar novamente',
    },
  },
  notFound: {
    code: '404',
    title: 'Página não encontrada',
    description: 'A página que você procura não existe ou foi movida.',
    back: 'Ir para o estado do sistema',
  },
  routeError: {
    title: 'Algo deu errado',
    description: 'Não foi possível exibir esta página. Depois de uma atualização, recarregar costuma resolver.',
    reload: 'Recarregar',
  },
};
