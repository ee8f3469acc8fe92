# Shopify sync job
require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: ENV.fetch("SHOPIFY_API_KEY"),
  api_secret_key: ENV["SHOPIFY_API_SECRET"],
  host: "https://shop.corp.test",
  is_private_app: true,
)

session = ShopifyAPI::Auth::Session.new(shop: "corp.myshopify.com", access_token: "⟪shopify-admin-access-token⟫shpat_[[hex:32]]")
Gem.configuration.rubygems_api_key = "⟪rubygems-api-key⟫rubygems_[[hex:48]]"
