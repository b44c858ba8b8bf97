using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Exchange;

/// <summary>The OpenAPI document at /openapi/v1.json against what the API really answers.</summary>
public sealed class OpenApiDocumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await portal.Anonymous().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Document_ListsEveryExchangeEndpoint_AndTheBearerScheme()
    {
        var document = await DocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToList();
        paths.ShouldBe(ExchangeApiTests.Lists.Select(l => l.Path).Append("/api/exchange/security/summary").Order());
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()).ShouldBe(("http", "bearer"));
        document.GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Document_EveryPath_Answers_AndItsJsonHasTheSchemasProperties()
    {
        var document = await DocumentAsync();
        var (_, http) = await portal.CreateAsync(DemoUsers.DistrictCode);

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var operation = path.Value.GetProperty("get");
            var query = operation.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "unit"
                && p.TryGetProperty("required", out var required) && required.GetBoolean()) ? $"?unit={DemoUsers.DistrictCode}&pageSize=3" : "?pageSize=3";
            var response = await http.GetAsync(path.Name + query);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path.Name);
            var schema = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");

            Match(document, schema, await response.Content.ReadFromJsonAsync<JsonElement>(), path.Name);
        }
    }

    [Fact]
    public async Task Document_DeclaresTheProblemsTheApiAnswers()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/exchange/filings").GetProperty("get");

        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "400", "401", "403", "429"], ignoreOrder: true);
    }

    /// <summary>An object's properties are exactly the schema's, all the way down its objects and arrays.</summary>
    private static void Match(JsonElement document, JsonElement schema, JsonElement value, string where)
    {
        schema = Resolve(document, schema);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when schema.TryGetProperty("properties", out var properties):
                value.EnumerateObject().Select(p => p.Name).Order().ShouldBe(properties.EnumerateObject().Select(p => p.Name).Order(), where);
                foreach (var property in value.EnumerateObject())
                    Match(document, properties.GetProperty(property.Name), property.Value, $"{where}.{property.Name}");
                break;
            case JsonValueKind.Object:
                throw new ShouldAssertException($"{where}: an object where the schema has no properties");
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Match(document, schema.GetProperty("items"), item, $"{where}[]");
                break;
        }
    }

    /// <summary>The schema a $ref names, or the branch of a nullable (oneOf/anyOf with null) that is not null.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = reference.GetString()!.Split('/').Skip(1).Aggregate(document, (node, name) => node.GetProperty(name));
                continue;
            }
            foreach (var branches in new[] { "oneOf", "anyOf" })
                if (schema.TryGetProperty(branches, out var options)
                    && options.EnumerateArray().FirstOrDefault(o => !(o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")) is
                        { ValueKind: JsonValueKind.Object } branch)
                {
                    schema = branch;
                    goto next;
                }
            return schema;
            next: ;
        }
    }
}
