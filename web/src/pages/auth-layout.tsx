import type { ReactNode } from 'react';
import { LogoMark } from '../components/icons.tsx';

/** The frame of the signed-out pages: one card, centred, with the product's name. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="auth">
      <div className="stack" style={{ width: '100%', maxWidth: 440, gap: 18 }}>
        <div className="brand" style={{ justifyContent: 'center', padding: 0 }}>
          <span className="brand-mark">
            <LogoMark size={15} />
          </span>
          <span>Momentum</span>
        </div>
        <div className="card auth-card">{children}</div>
      </div>
    </main>
  );
}
