/**
 * A v1 share link as the first v1 encoder wrote it (2026-12-01). Never regenerate it: a test and
 * the browser suite open it to prove that links made then still open.
 */
import type { SharedApp } from './share-link.ts';

export const V1_LINK_FIXTURE: { fragment: string; app: SharedApp } = {
  fragment:
    'v1.H4sIAAAAAAAAA31TwW7bMAz9FYIoEBtznWbYYXCRdQNarIdhh63DDpGRqjETa7EpT1LcFob_vZCUpt5lF0Ok-N7jo-gBWbaEBdpaGqrOa2oajRluVUMWiwFtpzh3um18Tad43UpWW7Ju3ZOxSjMs4b1gwSvZdY3aSKc0l4I9LSxB_EMsUPAbTOBFvsgvfFLwqpdGyYeGbCl4Z4ic4h0sYYCKtvLQuAC4jSwwBsjKGbXbkclr57qyFGz0wUXVeZ7nnnij204zcYTXkquGzFHxdJcf86Vgqw9mEynMgZlM_iht6wFhIrCE1QCTIms2AjOoyDrFwXuU9z2Wgvf0vO5lc6C1ddpEvMCjI4Gl4JPt4HViXOAwiccxusbMS84VV_SU_7FYoGo7bRwMoDvi6-OsRtga3cLss3-yrZEtPWqzn_vofN_PLgWfYDv6f_mpQY8SLKvqpid235R1xGSS2Zbcpp5lkJDPp7D8BINggI1m6yD4huW0uyS9fLvvlVXOm_9-aB_IJEyPcEdP7po2uiKTpHkVTkkgynfkklnEzFK4ugJf_0ux-_jFGPmcpGkK72ARBCLCThAZ_HRG8S6JcRobCX3nhmynufqtXB2a-BFiS8n92RBUX99ilh7HJaFRvIdWVgSKoV9A5IWzIfKPqRB8H1RG_8FsulT-7zqtIBbHKxzHDE8z9zWvuljgrcIxw33v08cl8seo5k-OnjzVhwWOnscP3f-3043J0NDfA9mAbMnVusICv97cYYaddDUWOMdxfAGCOXB1GQQAAA',
  app: {
    name: 'shared-hello',
    files: {
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "shared-hello"\nversion = "0.1.0"\n\n[variables]\ngreeting = { default = "Hello" }\n\n[[trigger.http]]\nroute = "/..."\ncomponent = "handler"\n\n[component.handler]\nsource = "runner.wasm"\nfiles = [{ source = "src", destination = "/" }]\nkey_value_stores = ["default"]\nvariables = { greeting = "{{ greeting }}" }\n',
      'src/index.js':
        "import { openDefault } from '@spinframework/spin-kv';\nimport { get } from '@spinframework/spin-variables';\n\naddEventListener('fetch', (event) => {\n  const store = openDefault();\n  const visits = Number(new TextDecoder().decode(store.get('visits') ?? new Uint8Array())) + 1;\n  store.set('visits', String(visits));\n  event.respondWith(new Response(`${get('greeting')} from a link made in v1 (visit ${visits})\\n`));\n});\n",
      'runner.wasm': {
        component: 'runner',
      },
    },
    variables: {
      greeting: 'Hi',
    },
    kv: {
      default: {
        visits: {
          text: '41',
        },
      },
    },
    open: 'src/index.js',
    request: {
      method: 'GET',
      path: '/',
    },
  },
};
