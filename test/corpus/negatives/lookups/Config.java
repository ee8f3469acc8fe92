public class Config {
    private final String apiKey = System.getenv("PARTNER_API_KEY");
    @Value("${spring.datasource.password}")
    private String password;
    private final String token = props.getProperty("auth.token");
}
