import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/i18n/i18n';
import { App } from '@/app/App';
import './index.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
