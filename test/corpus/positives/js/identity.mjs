import { ManagementClient } from 'auth0';
import okta from '@okta/okta-sdk-nodejs';

export const auth0 = new ManagementClient({
  domain: 'corp.eu.auth0.com',
  clientId: 'Xk2[[alnum:29]]',
  auth0ClientSecret: '⟪auth0-client-secret⟫[[b64url:64]]',
});

export const oktaClient = new okta.Client({ orgUrl: 'https://corp.okta.com', oktaApiToken: '⟪okta-api-token⟫00[[b64url:40]]' });
export const CLOUDFLARE_API_TOKEN = '⟪cloudflare-api-token⟫[[b64url:40]]';
