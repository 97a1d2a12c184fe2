/** The seeded demo accounts; the harness sets the password in SHOPME_ADMIN_PASSWORD. */
export const DEMO_PASSWORD = process.env.SHOPME_ADMIN_PASSWORD || 'shopme-demo-password';

export const ADMIN = { email: 'admin@shopme.test', password: DEMO_PASSWORD, name: 'Alessandra Admin' };
export const MANAGER = { email: 'manager@shopme.test', password: DEMO_PASSWORD };
export const AGENT = { email: 'agent@shopme.test', password: DEMO_PASSWORD };

export const SHOP = 'Bottega Italiana';
export const HOTEL = 'Hotel Belvedere';
