// Values meant to be public: they ship in web and mobile clients.
export const stripe = loadStripe('pk_live_[[alnum:99]]');
export const googleClientId = '123456789012-[[lower:32]].apps.googleusercontent.com';
export const algoliaSearchOnlyKey = process.env.NEXT_PUBLIC_ALGOLIA_SEARCH_KEY;
export const mapboxPublicToken = 'pk.eyJ1Ijoi[[lower:8]]IiwiYSI6I[[b64url:40]]J9.[[b64url:22]]';
export const paystackPublic = 'pk_test_[[hex:40]]';
