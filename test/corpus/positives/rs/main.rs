use std::env;

const HF_TOKEN: &str = "⟪huggingface-access-token⟫hf_[[alpha:34]]";

fn datadog() -> String {
    let dd_api_key = "⟪datadog-api-key⟫[[hex:32]]";
    format!("https://api.datadoghq.com/api/v1/validate?api_key={}", dd_api_key)
}

fn main() {
    let region = env::var("AWS_REGION").unwrap_or_default();
    println!("{} {} {}", HF_TOKEN.len(), datadog(), region);
}
