Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY")
token = ENV["GITHUB_TOKEN"]
password = Rails.application.credentials.dig(:database, :password)
