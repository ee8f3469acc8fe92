using Azure.Storage.Blobs;
using Microsoft.Data.SqlClient;

public class Startup
{
    private const string Storage =
        "⟪azure-storage-connection-string⟫DefaultEndpointsProtocol=https;AccountName=corpdata;AccountKey=[[b64:86]]==;EndpointSuffix=core.windows.net";

    private const string Sql =
        "Server=tcp:erp-sql.database.windows.net,1433;Initial Catalog=erp;User ID=erpapp;Password=⟪connection-string-password⟫[[alnum:18]];Encrypt=True;";

    public BlobServiceClient Blobs() => new BlobServiceClient(Storage);
    public SqlConnection Db() => new SqlConnection(Sql);
}
