import type { KeyValueStore } from '../storage/stores';
import type { IncidentState } from './checklist';

/**
 * Incidents in globalState (a Memento survives reloads and crashes; it holds no secret, see checklist.ts). The
 * latest incidents are kept, closed ones included, for the record; at most one open incident per app.
 */
export const INCIDENTS_KEY = 'vendaze.incidents.v1';
const KEEP = 20;

export class IncidentStore {
  constructor(private readonly state: KeyValueStore) {}

  all(): IncidentState[] {
    const value = this.state.get<IncidentState[]>(INCIDENTS_KEY);
    return Array.isArray(value) ? value.filter((i) => i && i.version === 1) : [];
  }

  get(id: string): IncidentState | undefined {
    return this.all().find((i) => i.id === id);
  }

  /** The open incident of an app, found by its current or its original client_id. */
  openFor(clientId: string): IncidentState | undefined {
    return this.all().find((i) => !i.closedAt && (i.clientId === clientId || i.originalClientId === clientId));
  }

  async save(incident: IncidentState): Promise<IncidentState> {
    const others = this.all().filter((i) => i.id !== incident.id);
    await this.state.update(INCIDENTS_KEY, [...others, incident].slice(-KEEP));
    return incident;
  }
}
