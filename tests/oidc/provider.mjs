// A real OpenID Connect provider for the tests (tests/test_oidc.py): panva's oidc-provider, an
// OpenID-certified implementation, on loopback. Its development login page takes any name and
// password; the account it signs in has the claims the test gave on the command line.
//   node provider.mjs PORT REDIRECT_URI CLIENT_SECRET EMAIL GROUP
import Provider from "oidc-provider";

const [port, redirect, secret, email, group] = process.argv.slice(2);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: "utenfor",
    client_secret: secret,
    redirect_uris: [redirect],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] , groups: ["groups"] },
  scopes: ["openid", "email", "profile", "groups"],
  conformIdTokenClaims: false, // the claims in the ID token, as Entra ID and ID-porten send them
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: true, name: "Ola Nordmann", groups: [group] };
      },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log(`listening ${port}`));
