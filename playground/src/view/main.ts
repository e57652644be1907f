/**
 * The view page (`/view#v1.…`, `/view?app=<url>`): a shared app, decoded from the URL fragment
 * (lib/share) or fetched, running at its own content-hash origin. This page, at the site's
 * origin, never runs the app's code: it frames the app's origin.
 */
import { mount } from 'svelte';
import Viewer from './Viewer.svelte';
import '../style.css';

mount(Viewer, { target: document.getElementById('app')! });
