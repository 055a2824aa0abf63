global using System.Globalization;
global using Microsoft.Playwright;
