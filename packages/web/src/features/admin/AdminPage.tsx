import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useMe } from '../../session/session';
import { AuditAdmin } from './AuditAdmin';
import { ClientsAdmin } from './ClientsAdmin';
import { OutboxAdmin } from './OutboxAdmin';
import { RetentionAdmin } from './RetentionAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { StaffAdmin } from './StaffAdmin';

const sections = [
  { path: 'staff', label: 'Staff' },
  { path: 'clients', label: 'Clients' },
  { path: 'settings', label: 'Practice settings' },
  { path: 'retention', label: 'Retention' },
  { path: 'email', label: 'Email delivery' },
  { path: 'audit', label: 'Audit log' },
];

/** R35: practice administration for admins — staff, clients, settings, retention, email log, audit log. */
export function AdminPage() {
  const me = useMe();
  const base = `/p/${me.practice.slug}/admin`;
  return (
    <div className="page admin">
      <nav className="admin-tabs" aria-label="Administration">
        {sections.map((section) => (
          <NavLink key={section.path} to={`${base}/${section.path}`} className="admin-tab">
            {section.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" className="admin-main">
        <Routes>
          <Route index element={<Navigate to={`${base}/staff`} replace />} />
          <Route path="staff" element={<StaffAdmin />} />
          <Route path="clients" element={<ClientsAdmin />} />
          <Route path="settings" element={<SettingsAdmin />} />
          <Route path="retention" element={<RetentionAdmin />} />
          <Route path="email" element={<OutboxAdmin />} />
          <Route path="audit" element={<AuditAdmin />} />
          <Route path="*" element={<Navigate to={`${base}/staff`} replace />} />
        </Routes>
      </main>
    </div>
  );
}
