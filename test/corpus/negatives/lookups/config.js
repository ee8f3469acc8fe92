const config = {
  stripeKey: process.env.STRIPE_SECRET_KEY,
  openaiKey: process.env['OPENAI_API_KEY'],
  dbPassword: process.env.DB_PASSWORD ?? '',
  githubToken: import.meta.env.VITE_GITHUB_TOKEN,
};
const headers = { Authorization: `Bearer ${config.githubToken}` };
export default config;
