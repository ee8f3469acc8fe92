package com.corp.billing;

import java.sql.Connection;
import java.sql.DriverManager;

public final class Config {
    private static final String KEYSTORE_PASSWORD = "⟪generic-password-assignment⟫[[alnum:14]]!";
    private static final String DB_URL =
        "jdbc:mysql://db.prod:3306/billing?user=billing&password=⟪jdbc-url-password⟫[[alnum:20]]&useSSL=true";

    static Connection open() throws Exception {
        return DriverManager.getConnection(DB_URL);
    }

    static String token() {
        return System.getenv("BILLING_TOKEN");
    }
}
