/**
 * The sizes of the playground's panes, as the splitters set them, kept in this browser across
 * reloads: the sidebar's width, the tools column's width, the request console's share of the
 * tools column's height, and which side panes are collapsed. At narrow widths the panes are shown
 * one at a time instead (`narrowPane`), picked with tabs.
 */
const STORAGE_KEY = 'swerve-playground:layout';
/** Narrowest a pane may be dragged to; narrower, it is collapsed instead. */
export const MIN_PANE_PX = 160;
/** The editor keeps at least this much width whatever the splitters say. */
export const MIN_EDITOR_PX = 240;
const DEFAULT_SIDEBAR_PX = 230;

export type NarrowPane = 'files' | 'code' | 'run';

interface Saved {
  sidebarPx: number;
  /** Undefined: the tools column and the editor share the width evenly. */
  toolsPx?: number;
  /** The request console's part of the tools column's height, 0.15–0.85. */
  consoleShare: number;
  sidebarCollapsed: boolean;
  toolsCollapsed: boolean;
}

function load(): Saved {
  const fallback: Saved = {
    sidebarPx: DEFAULT_SIDEBAR_PX,
    consoleShare: 0.52,
    sidebarCollapsed: false,
    toolsCollapsed: false,
  };
  try {
    return { ...fallback, ...(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Saved>) };
  } catch {
    return fallback;
  }
}

export class PaneLayout {
  #saved = load();
  sidebarPx = $state(this.#saved.sidebarPx);
  toolsPx = $state<number | undefined>(this.#saved.toolsPx);
  consoleShare = $state(this.#saved.consoleShare);
  sidebarCollapsed = $state(this.#saved.sidebarCollapsed);
  toolsCollapsed = $state(this.#saved.toolsCollapsed);
  narrowPane = $state<NarrowPane>('code');

  save(): void {
    const saved: Saved = {
      sidebarPx: this.sidebarPx,
      ...(this.toolsPx === undefined ? {} : { toolsPx: this.toolsPx }),
      consoleShare: this.consoleShare,
      sidebarCollapsed: this.sidebarCollapsed,
      toolsCollapsed: this.toolsCollapsed,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  }
}
