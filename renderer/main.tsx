// The global styles load first, so each feature's own stylesheet (imported by the feature) refines them.
import './styles/app.css';
import './styles/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToMain } from './api/connect';
import { App } from './App';
import { createSession } from './state/session';
import { startTheme } from './state/theme';

startTheme();

const connection = connectToMain();
const session = 'client' in connection ? createSession(connection.client, null, connection.whyRefused) : createSession(null, connection.problem);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
