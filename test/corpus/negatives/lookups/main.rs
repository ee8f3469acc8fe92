let token = std::env::var("GITHUB_TOKEN").expect("GITHUB_TOKEN is not set");
let api_key = env!("BUILD_API_KEY");
