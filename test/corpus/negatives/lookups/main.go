package main

import "os"

var (
	githubToken = os.Getenv("GITHUB_TOKEN")
	apiKey      = os.Getenv("DATADOG_API_KEY")
	password, _ = os.LookupEnv("DB_PASSWORD")
)
