import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

export const openai = new OpenAI({ apiKey: '⟪openai-project-key⟫sk-proj-[[b64url:74]]T3BlbkFJ[[b64url:74]]' });

export const anthropic = new Anthropic({
  apiKey: "⟪anthropic-api-key⟫sk-ant-api03-[[b64url:93]]AA",
});

const GROQ_API_KEY = '⟪groq-api-key⟫gsk_[[alnum:52]]';

export async function summarise(text: string): Promise<string> {
  const r = await fetch('https://api.groq.com/openai/v1/chat/completions', {
    headers: { Authorization: `Bearer ${GROQ_API_KEY}` },
    body: JSON.stringify({ model: 'llama', messages: [{ role: 'user', content: text }] }),
  });
  return (await r.json()).choices[0].message.content;
}
