// Placeholder until the alert issue: SMTP and webhooks through libcurl.
