/** Client entry: mounts the router and registers the offline worker. Pages load lazily from the route table. */
import './app/strictCsp'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './app/app.css'
import { Router } from './app/router'
import { routes } from './app/routes'
import { registerServiceWorker } from './app/serviceWorker'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <Router routes={routes} />
  </StrictMode>,
)
registerServiceWorker()
