package com.corp.maps

object ApiModule {
    const val MAPS_API_KEY = "⟪google-api-key⟫AIza[[b64url:35]]"
    private const val LINEAR_KEY = "⟪linear-api-key⟫lin_api_[[alnum:40]]"

    fun headers(): Map<String, String> = mapOf("Authorization" to LINEAR_KEY)
}
