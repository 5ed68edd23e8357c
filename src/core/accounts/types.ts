export interface Account {
  id: string;
  workspaceId: string;
  name: string;
  domain: string | null;
  createdAt: string;
  version: number;
}

export interface Contact {
  id: string;
  workspaceId: string;
  accountId: string;
  name: string;
  email: string | null;
  title: string | null;
  createdAt: string;
  version: number;
}
