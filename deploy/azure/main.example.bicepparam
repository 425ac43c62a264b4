// Example parameters: README step 3 copies this to main.bicepparam (not committed) with the app id
// filled in. Every deployment, the first and each rerun, is
//   az deployment group create -g "$RG" -f deploy/azure/main.bicep -p deploy/azure/main.bicepparam
// Nothing here reads the shell's environment, so a rerun from a fresh shell deploys the same
// values. The app password is never in this file: it is given once on the command line
// (README step 3) and kept in Key Vault; a rerun without it leaves the vault's secret alone.
// The tenant is the deployment's own (the template's default), on both app types.
using './main.bicep'

param namePrefix = 'bmwhelp'
param botDisplayName = 'BMW Connected Help'

// SingleTenant (default): the Entra app registration made in README step 2. For UserAssignedMSI,
// set microsoftAppType = 'UserAssignedMSI' and delete the microsoftAppId line.
param microsoftAppType = 'SingleTenant'
param microsoftAppId = '<application (client) id from step 2>'

// Conversation state shared by all instances: blobs, or cosmos for heavier traffic.
param storageKind = 'blobs'

// At most 3 instances on B1/B2, 10 on S1, 30 on Premium v3.
param appServiceSku = 'P0v3'
param instanceCount = 2
param containerImage = 'support-bot:1'
param botSku = 'F0'

// Per instance and per minute, for everyone together (App Service's front ends are the only
// client addresses the bot sees): deploy/README.md, "Rate limits on App Service".
param rateLimitPerAddress = 6000
param tokenRateLimitPerAddress = 600

// README step 6 turns this on once the Direct Line secret is in Key Vault.
param directLineSecretInVault = false

// Human agents, once you have their ids (deploy/teams/README.md, "Agents"):
// param handoffAgentIds = 'aad:<tenant id>/<object id>,aad:<tenant id>/<object id>'

// Your own privacy notice and terms instead of the bot's /privacy and /terms pages (https):
// param privacyUrl = 'https://www.example.com/privacy'
// param termsUrl = 'https://www.example.com/terms'
