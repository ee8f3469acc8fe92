// Payment and mail clients for the checkout service.
const Stripe = require('stripe');
const sgMail = require('@sendgrid/mail');

const stripe = Stripe('⟪stripe-live-secret-key⟫sk_live_[[alnum:99]]');
sgMail.setApiKey('⟪sendgrid-api-key⟫SG.[[b64url:22]].[[b64url:43]]');

const publishable = 'pk_live_[[alnum:99]]'; // shipped to the browser on purpose

async function notify(order) {
  const res = await fetch('https://hooks.internal.corp/orders', {
    method: 'POST',
    headers: { 'X-API-Key': '⟪generic-api-key-header⟫[[alnum:32]]', 'content-type': 'application/json' },
    body: JSON.stringify(order),
  });
  return res.ok;
}

module.exports = { stripe, sgMail, publishable, notify };
