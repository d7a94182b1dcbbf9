using System.Globalization;
using SlurmSearch.Agents;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return AgentProgram.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
